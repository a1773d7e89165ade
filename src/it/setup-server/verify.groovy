// If this fails every other IT is skipped; the outer build's stop-it-server execution still stops the server.
def log = new File(basedir, 'build.log').text
// conductorVersion: the version setup-server starts (-Pcompat runs an older one too).
assert log.contains("Conductor ${conductorVersion} started at ${conductorUrl} in ")
assert log.contains("It keeps running after this build: stop it with 'mvn idflow:stop-server'")
def pidFile = new File(serverDirectory, 'server.pid')
assert pidFile.isFile()
def pid = new Properties().with { p -> pidFile.withInputStream { p.load(it) }; p.getProperty('pid') as long }
assert ProcessHandle.of(pid).map { it.isAlive() }.orElse(false)
assert new URL("${conductorUrl}/api/metadata/taskdefs").openConnection().responseCode == 200
assert log.contains("Conductor ${conductorVersion} started at ${conductorProdUrl} in ")
assert new URL("${conductorProdUrl}/api/metadata/taskdefs").openConnection().responseCode == 200
