-- POST /crm/v3/objects/contacts/batch/read with one input, as a worker reads back what it wrote.
wrk.method = "POST"
wrk.path = "/crm/v3/objects/contacts/batch/read"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"inputs":[{"id":"' .. os.getenv("CONTACT_ID") .. '"}],"properties":["email","firstname"]}'
