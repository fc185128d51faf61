-- GET /crm/v3/objects/contacts/{id} with a private-app token; the id comes from run.sh.
wrk.method = "GET"
wrk.path = "/crm/v3/objects/contacts/" .. os.getenv("CONTACT_ID")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
