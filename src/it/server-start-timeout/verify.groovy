def work = new File(basedir, 'target/idflow/server').canonicalPath
def log = new File(basedir, 'build.log').text
assert log =~ /Conductor 3\.32\.3 was not ready at http:\/\/127\.0\.0\.1:\d+ within 1 s \(the start timeout\) and was killed/
// Shown relative to where the build ran, as the user would type it.
assert log.contains("Last lines of target/idflow/server/server.log:")
assert !new File(work, 'server.pid').exists()
// The server's command line names its work folder (-Djava.io.tmpdir=<work>/tmp): no such process may remain.
def leftovers = ProcessHandle.allProcesses()
        .filter { it.info().commandLine().orElse('').contains("${work}/tmp") }
        .toList()
assert leftovers.isEmpty(): "left running: ${leftovers*.pid()}"
