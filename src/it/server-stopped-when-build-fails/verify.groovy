def work = new File(basedir, 'target/idflow/server').canonicalPath
def log = new File(basedir, 'build.log').text
assert log =~ /Conductor 3\.32\.3 started at http:\/\/127\.0\.0\.1:\d+ in /
assert log.contains('BUILD FAILURE')
assert !log.contains('Stopped Conductor'): 'stop-server must not have run'
assert !new File(work, 'server.pid').exists()
def leftovers = ProcessHandle.allProcesses()
        .filter { it.info().commandLine().orElse('').contains("${work}/tmp") }
        .toList()
assert leftovers.isEmpty(): "left running: ${leftovers*.pid()}"
