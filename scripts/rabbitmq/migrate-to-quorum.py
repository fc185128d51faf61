#!/usr/bin/env python3
"""Moves the service's classic queues to quorum queues, messages and bindings included.

RabbitMQ will not redeclare a queue with another type, so a deployment whose queues an earlier version declared as
classic queues must move them before the services that declare them as quorum queues start. Stop the Workers and the
Apis first (the script refuses while a queue to move has a consumer); publishers may keep publishing.

For each queue Q, through the management HTTP API and dynamic shovels (the rabbitmq_shovel plugin):
  a. declares the quorum queue Q.quorum-migration, gives it every binding Q has, then takes them from Q: a message
     published meanwhile can reach both and land twice (commands are idempotent), but none is unroutable;
  b. shovels Q's messages into it and waits until Q is empty;
  c. deletes Q, declares it as a quorum queue, gives it its bindings back, takes them from the temporary queue,
     shovels the messages back and deletes the temporary queue.
Run it again after an interruption: a leftover Q.quorum-migration is finished, never dropped. No queue holding
messages is deleted. Python 3 standard library only.
"""

import argparse
import base64
import itertools
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PREFIX = "hubspot."
SUFFIX = ".quorum-migration"
WAIT_QUEUE_MARK = "_retry-"
QUORUM = {"x-queue-type": "quorum"}
# A quorum queue reports its length every 5 s, and the management plugin collects it every 5 s (the defaults):
# a count read sooner after a queue changed can be that of before the change, or none.
STATISTICS_DELAY = 11
# Seconds between checks of a shovel that has not finished, and how long one may take to be reported running.
SHOVEL_CHECK = 2
SHOVEL_START_TIMEOUT = 15
# Every shovel gets a name of its own, "<queue>.quorum-migration <out|back> <this run>-<n>". RabbitMQ 3.10 keeps the
# supervisor of a shovel that deleted itself, and after its process groups were lost (pg ends with the vhost that
# happened to start it) it takes a new shovel of that name for the old one and never starts it.
RUN = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + f"-{os.getpid()}"


class Refused(Exception):
    """Something the operator must see and act on; nothing was changed because of it."""


class Management:
    def __init__(self, url, vhost):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise Refused(f"--management must be http(s)://user:password@host:port, not {url!r}")
        user = urllib.parse.unquote(parsed.username or "guest")
        password = urllib.parse.unquote(parsed.password or "guest")
        port = f":{parsed.port}" if parsed.port else ""
        self.base = f"{parsed.scheme}://{parsed.hostname}{port}{parsed.path.rstrip('/')}/api"
        self.shown = f"{parsed.scheme}://{parsed.hostname}{port}"
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.vhost = vhost
        self.v = quote(vhost)

    def call(self, method, path, body=None, missing_ok=False):
        request = urllib.request.Request(self.base + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Authorization", self.auth)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            if error.code == 404 and missing_ok:
                return None
            reason = error.read().decode(errors="replace")
            raise Refused(f"{method} {path} answered {error.code}: {reason}") from None
        except urllib.error.URLError as error:
            raise Refused(f"the management API at {self.shown} is not reachable ({error.reason})") from None

    def queues(self):
        return self.call("GET", f"/queues/{self.v}?columns=name,type,durable,exclusive,auto_delete,arguments,consumers,messages")

    def queue(self, name):
        return self.call("GET", f"/queues/{self.v}/{quote(name)}", missing_ok=True)

    def consumers(self):
        return self.call("GET", f"/consumers/{self.v}") or []

    def declare_quorum(self, name):
        self.call("PUT", f"/queues/{self.v}/{quote(name)}", {"durable": True, "auto_delete": False, "arguments": QUORUM})

    def delete_queue(self, name, if_empty):
        query = "?if-empty=true&if-unused=true" if if_empty else ""
        self.call("DELETE", f"/queues/{self.v}/{quote(name)}{query}")

    def is_empty(self, name):
        """Exact, unlike the statistics: asks the queue for one message (and would put it back)."""
        got = self.call("POST", f"/queues/{self.v}/{quote(name)}/get",
                        {"count": 1, "ackmode": "reject_requeue_true", "encoding": "auto", "truncate": 1})
        return not got

    def bindings(self, queue):
        found = self.call("GET", f"/queues/{self.v}/{quote(queue)}/bindings", missing_ok=True) or []
        # The default exchange's binding is implicit: every queue has it, and no one can add or remove it.
        return [b for b in found if b["source"] != ""]

    def bind(self, exchange, queue, binding):
        self.call("POST", f"/bindings/{self.v}/e/{quote(exchange)}/q/{quote(queue)}",
                  {"routing_key": binding["routing_key"], "arguments": binding.get("arguments") or {}})

    def unbind(self, binding):
        self.call("DELETE", f"/bindings/{self.v}/e/{quote(binding['source'])}/q/{quote(binding['destination'])}/"
                            f"{quote(binding['properties_key'])}", missing_ok=True)

    def shovel(self, name):
        return self.call("GET", f"/parameters/shovel/{self.v}/{quote(name)}", missing_ok=True)

    def shovel_names(self):
        return [s["name"] for s in self.call("GET", f"/parameters/shovel/{self.v}", missing_ok=True) or []]

    def shovel_status(self, name):
        """The broker's status of the shovel, None while it reports none, or state "unknown" without the
        rabbitmq_shovel_management plugin, which reports them."""
        statuses = self.call("GET", f"/shovels/{self.v}", missing_ok=True)
        if statuses is None:
            return {"state": "unknown"}
        for status in statuses:
            if status.get("name") == name:
                return status
        return None

    def start_shovel(self, name, source, destination, counted):
        uri = "amqp:///" + self.v
        self.call("PUT", f"/parameters/shovel/{self.v}/{quote(name)}", {"value": {
            "src-protocol": "amqp091", "src-uri": uri, "src-queue": source,
            # Counted: the messages the source holds when the shovel starts, then the shovel deletes itself. Otherwise
            # it runs until the script stops it.
            "src-delete-after": "queue-length" if counted else "never",
            "dest-protocol": "amqp091", "dest-uri": uri, "dest-queue": destination,
            # A message leaves the source only once the destination confirmed it.
            "ack-mode": "on-confirm",
            "dest-add-forward-headers": False,
        }})

    def stop_shovel(self, name):
        self.call("DELETE", f"/parameters/shovel/{self.v}/{quote(name)}", missing_ok=True)


def quote(text):
    return urllib.parse.quote(text, safe="")


def binding_key(binding):
    return binding["source"], binding["routing_key"], json.dumps(binding.get("arguments") or {}, sort_keys=True)


def is_candidate(queue):
    name = queue["name"]
    return (name.startswith(PREFIX) and WAIT_QUEUE_MARK not in name and not name.endswith(SUFFIX)
            and queue.get("type") == "classic" and queue.get("durable") and not queue.get("exclusive"))


def why_not_movable(queue):
    """A classic queue this script cannot move faithfully: it declares the quorum queue with no other arguments."""
    if queue.get("auto_delete"):
        return "it is auto-delete (a quorum queue cannot be)"
    if queue.get("arguments"):
        return f"it has queue arguments ({', '.join(sorted(queue['arguments']))}), which the services do not declare on a quorum queue"
    return None


def select(api, named):
    """The queues to move or to finish, and the ones left as they are with the reason."""
    queues = {q["name"]: q for q in api.queues()}
    skipped = []
    if named:
        chosen = []
        for name in named:
            if name.endswith(SUFFIX):
                raise Refused(f"{name} is a temporary queue of this script: name its queue, {name[:-len(SUFFIX)]}")
            if name not in queues and name + SUFFIX not in queues:
                raise Refused(f"there is no queue {name} in vhost {api.vhost!r}")
            chosen.append(name)
    else:
        chosen = [n for n, q in queues.items() if is_candidate(q)]
        chosen += [n[:-len(SUFFIX)] for n in queues if n.endswith(SUFFIX) and n.startswith(PREFIX)]
    plan = []
    for name in sorted(set(chosen)):
        queue, temporary = queues.get(name), queues.get(name + SUFFIX)
        if temporary is None and queue.get("type") != "classic":
            skipped.append((name, f"already a {queue.get('type')} queue"))
            continue
        if temporary is not None and temporary.get("type") != "quorum":
            raise Refused(f"{name + SUFFIX} exists and is a {temporary.get('type')} queue, not this script's: "
                          "move its messages and delete it, then run again")
        reason = why_not_movable(queue) if queue is not None and queue.get("type") == "classic" else None
        if reason:
            skipped.append((name, reason))
            continue
        plan.append((name, queue, temporary))
    return plan, skipped


def refuse_consumers(api, plan):
    names = {n for n, _, _ in plan} | {n + SUFFIX for n, _, _ in plan}
    busy = {}
    for consumer in api.consumers():
        queue = consumer.get("queue", {}).get("name")
        if queue in names:
            busy[queue] = busy.get(queue, 0) + 1
    for name, queue, temporary in plan:
        for q in (queue, temporary):
            if q is not None and q.get("consumers"):
                busy[q["name"]] = max(busy.get(q["name"], 0), q["consumers"])
    if busy:
        listed = ", ".join(f"{q} ({n} consumer{'s' if n > 1 else ''})" for q, n in sorted(busy.items()))
        raise Refused(f"refusing to move queues that have consumers: {listed}. Stop the Workers and the Apis "
                      "first (publishers may keep publishing), then run this again.")


def describe(name, queue, temporary):
    if temporary is None:
        return (f"{name}: classic, {queue.get('messages', 0)} messages -> quorum "
                f"(through {name + SUFFIX})")
    where = "classic" if queue is not None and queue.get("type") == "classic" else \
        "missing" if queue is None else queue.get("type")
    return (f"{name}: an interrupted move ({name} {where}, {name + SUFFIX} holds "
            f"{temporary.get('messages', 0)} messages) -> finish it")


def shovel_state(status):
    """A shovel's state for the operator, with the broker's reason when it gives one."""
    if status is None:
        return "none"
    return f"{status.get('state')}, {status['reason']}" if status.get("reason") else str(status.get("state"))


def move(api, source, destination, timeout):
    """Shovels every message of source into destination, until the source is empty (checked exactly, not by statistics).

    A shovel that deletes itself after the source's length can wait forever: a message that expires before it reaches
    the head of a classic queue is in the length the shovel counts, yet never delivered. So a shovel still there while
    its source stays empty is stopped (with on-confirm, what it had not confirmed goes back to the source). One that
    deleted itself with messages left (published by the queue's name meanwhile, or a length the broker got wrong) is
    followed by one that runs until the source stays empty, so a wrong count cannot make the script start shovels
    forever. One the broker does not run at all stops the run at once, instead of after the whole timeout.
    """
    temporary = source.removesuffix(SUFFIX) + SUFFIX
    direction = "out" if destination == temporary else "back"
    deadline = time.monotonic() + timeout
    counted = True
    for attempt in itertools.count(1):
        name = f"{temporary} {direction} {RUN}-{attempt}"
        api.start_shovel(name, source, destination, counted)
        started = last_check = last_report = time.monotonic()
        empty_since = None
        while api.shovel(name) is not None:
            now = time.monotonic()
            if now > deadline:
                state = shovel_state(api.shovel_status(name))
                api.stop_shovel(name)
                raise Refused(f"moving {source} to {destination} did not finish within {timeout:.0f} s "
                              f"(shovel state: {state}); the shovel is stopped, nothing is lost: run this again to "
                              "continue")
            if now - last_check >= SHOVEL_CHECK:
                last_check = now
                status = api.shovel_status(name)
                state = status.get("state") if status else None
                if state in ("running", "unknown"):
                    empty_since = (empty_since or now) if api.is_empty(source) else None
                    if empty_since is not None and now - empty_since >= SHOVEL_CHECK:
                        print(f"  {source} stays empty: stopping its shovel", flush=True)
                        api.stop_shovel(name)
                        break
                elif now - started >= SHOVEL_START_TIMEOUT:
                    api.stop_shovel(name)
                    raise Refused(f"the broker did not run the shovel from {source} to {destination} within "
                                  f"{SHOVEL_START_TIMEOUT} s (shovel state: {shovel_state(status)}; its log says why); "
                                  "the shovel is stopped, nothing is lost: run this again once shovels run")
            if now - last_report > 10:
                left = (api.queue(source) or {}).get("messages", "?")
                print(f"  ... moving {source} -> {destination}: about {left} messages left", flush=True)
                last_report = now
            time.sleep(0.2)
        if api.is_empty(source):
            return
        if time.monotonic() > deadline:
            raise Refused(f"moving {source} to {destination} did not finish within {timeout:.0f} s: {source} still "
                          "holds messages; nothing is lost: run this again to continue")
        print(f"  {source} still holds messages: moving them too", flush=True)
        counted = False


def ensure_bindings(api, queue, bindings):
    present = {binding_key(b) for b in api.bindings(queue)}
    for binding in bindings:
        if binding_key(binding) not in present:
            api.bind(binding["source"], queue, binding)


def remove_bindings(api, queue):
    for binding in api.bindings(queue):
        api.unbind(binding)


def stop_leftover_shovels(api, temporary):
    """Those of an interrupted run, named by temporary alone before every shovel had a name of its own: what they had
    not confirmed is still in their source."""
    for name in api.shovel_names():
        if name == temporary or name.startswith(temporary + " "):
            api.stop_shovel(name)


def migrate(api, name, timeout):
    temporary = name + SUFFIX
    stop_leftover_shovels(api, temporary)
    queue = api.queue(name)
    if api.queue(temporary) is None:
        api.declare_quorum(temporary)
    bindings = {binding_key(b): b for b in api.bindings(temporary) + api.bindings(name)}
    if queue is not None and queue.get("type") == "classic":
        ensure_bindings(api, temporary, bindings.values())
        remove_bindings(api, name)
        print(f"  bindings moved to {temporary} ({len(bindings)}); moving the messages", flush=True)
        move(api, name, temporary, timeout)
        api.delete_queue(name, if_empty=True)
        print(f"  {name} is empty and deleted", flush=True)
        queue = None
    if queue is None:
        api.declare_quorum(name)
        print(f"  {name} declared as a quorum queue", flush=True)
    elif queue.get("type") != "quorum":
        raise Refused(f"{name} is a {queue.get('type')} queue; {temporary} holds its messages: left as they are")
    ensure_bindings(api, name, bindings.values())
    remove_bindings(api, temporary)
    print(f"  bindings back on {name}; moving the messages back", flush=True)
    move(api, temporary, name, timeout)
    # A quorum queue refuses if-empty on delete: move() has just seen it empty, and nothing routes to it any more.
    api.delete_queue(temporary, if_empty=False)
    missing = {binding_key(b) for b in bindings.values()} - {binding_key(b) for b in api.bindings(name)}
    if missing:
        raise Refused(f"{name} lacks bindings it had: {sorted(missing)}")
    print(f"  {name}: done, {len(bindings)} bindings, {temporary} deleted", flush=True)


def main():
    parser = argparse.ArgumentParser(
        description="Move the service's classic queues (hubspot.*, not the _retry- wait queues) to quorum queues "
                    "without losing a message. Stop the Workers and the Apis first.")
    parser.add_argument("--management", default=os.environ.get("RABBITMQ_MANAGEMENT_URL", "http://guest:guest@127.0.0.1:15672"),
                        help="the management API, http://user:password@host:15672 (env RABBITMQ_MANAGEMENT_URL); "
                             "the user needs the administrator or policymaker tag (shovels are runtime parameters)")
    parser.add_argument("--vhost", default=os.environ.get("RABBITMQ_VHOST", "/"), help="the virtual host (env RABBITMQ_VHOST), default /")
    parser.add_argument("--queue", action="append", default=[], help="move only this queue (repeatable)")
    parser.add_argument("--dry-run", action="store_true", help="list what would be done and change nothing")
    parser.add_argument("--no-counts", action="store_true",
                        help="skip the message counts at the end, which wait 11 s for the broker's statistics of the new queues")
    parser.add_argument("--timeout", type=float, default=600, help="seconds one queue's messages may take to move, default 600")
    args = parser.parse_args()

    try:
        api = Management(args.management, args.vhost)
        plan, skipped = select(api, args.queue)
        for name, reason in skipped:
            print(f"{name}: left as it is, {reason}")
        if not plan:
            print(f"Nothing to move in vhost {args.vhost!r}.")
            return 0
        for entry in plan:
            print(("would move " if args.dry_run else "") + describe(*entry))
        refuse_consumers(api, plan)
        if args.dry_run:
            print(f"Dry run: {len(plan)} queue(s) would be moved; nothing was changed.")
            return 0
        before = {name: (queue or {}).get("messages", 0) + (temporary or {}).get("messages", 0)
                  for name, queue, temporary in plan}
        finished = 0.0
        for name, _, _ in plan:
            print(f"{name}: moving", flush=True)
            migrate(api, name, args.timeout)
            finished = time.monotonic()
        if args.no_counts:
            print(f"Moved {len(plan)} queue(s) to quorum queues. Start the new version of the services.")
            return 0
        settle = finished + STATISTICS_DELAY - time.monotonic()
        if settle > 0:
            print(f"Waiting {settle:.0f} s for the broker's statistics of the new queues.", flush=True)
            time.sleep(settle)
        print("Message counts (broker statistics; publishers that kept publishing add to them, and messages "
              "published during a move may be there twice):")
        for name, _, _ in plan:
            after = (api.queue(name) or {}).get("messages", 0)
            print(f"  {name}: before {before[name]}, after {after}")
        print(f"Moved {len(plan)} queue(s) to quorum queues. Start the new version of the services.")
        return 0
    except Refused as refused:
        print(f"migrate-to-quorum: {refused}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("migrate-to-quorum: interrupted. Run it again to finish: a queue's messages are in it or in its "
              f"{SUFFIX} queue, never dropped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
