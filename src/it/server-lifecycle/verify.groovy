def log = new File(basedir, 'build.log').text
def started = log =~ /Conductor 3\.32\.3 started at (http:\/\/127\.0\.0\.1:\d+) in [\d.]+ s/
assert started.find(): 'no start line'
def url = started.group(1)
assert log.contains('It stops at idflow:stop-server, or when this build ends')
assert log.contains('[INFO] Rule 0: org.apache.maven.enforcer.rules.property.RequireProperty passed') ||
        log.contains('sees-conductor-url')
def stopped = log =~ /Stopped Conductor 3\.32\.3 at ${java.util.regex.Pattern.quote(url)} \(pid (\d+)\) in [\d.]+ s/
assert stopped.find(): 'no stop line'
assert !ProcessHandle.of(stopped.group(1) as long).map { it.isAlive() }.orElse(false)
assert !new File(basedir, 'target/idflow/server/server.pid').exists()
assert new File(basedir, 'target/idflow/server/conductor.db').isFile()
assert log.contains('BUILD SUCCESS')
