# The workerd config run.sh serves the bundled Worker with:
#
#   EMULATOR_URL=http://127.0.0.1:<port> workerd serve workerd.capnp \
#     --socket-addr http=127.0.0.1:0 --control-fd 3 3>control.jsonl
#
# run.sh copies this file next to the bundle (worker.js, as wrangler would upload it). The Worker
# gets the emulator's URL, known only at run time, from the environment through a text binding;
# the socket's port is chosen by the kernel and reported on the control fd. Its fetch() goes out
# through "loopback": a network allowed to reach local addresses only (127.0.0.0/8, ::1), since
# the default "internet" service refuses them, and nothing else is needed.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:0", http = (), service = "main"),
  ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
  ],
  # the date is versions.json's workerdCompatibilityDate (run.sh puts it in); no compatibility
  # flags, so no nodejs_compat: what a Worker without them gets
  compatibilityDate = "@COMPATIBILITY_DATE@",
  globalOutbound = "loopback",
  bindings = [
    (name = "EMULATOR_URL", fromEnvironment = "EMULATOR_URL"),
  ],
);
