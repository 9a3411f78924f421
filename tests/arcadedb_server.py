"""Start an ArcadeDB server with its Bolt plugin on loopback, for the Bolt backend's tests.

Usage: python tests/arcadedb_server.py PORT ROOT_DIR PASSWORD DATABASE
Prints READY when the Bolt port accepts connections; runs until killed.
"""

from __future__ import annotations

import os
import sys
import time

port, root, password, database = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
os.chdir(root)  # ArcadeDB writes ./log relative to the working directory
os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", os.path.join(root, "hs_err.log"))
import arcadedb_embedded as arcadedb  # noqa: E402

server = arcadedb.create_server(root_path=os.path.join(root, "databases"), root_password=password, config={
    "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin", "bolt_port": port, "http_port": port + 1,
    "host": "127.0.0.1"})
server.start()
server.create_database(database)
print("\nREADY", flush=True)
while True:
    time.sleep(3600)
