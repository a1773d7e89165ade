def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] Failed to execute goal io.idflow:idflow-maven-plugin")
assert log.contains("Cannot start Conductor: port ${conductorPort} on 127.0.0.1 is already in use")
assert !log.contains('Starting Conductor')
assert !new File(basedir, 'target/idflow/server/server.pid').exists()
