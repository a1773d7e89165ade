def log = new File(basedir, 'build.log').text
assert log.contains('Conductor 3.32.3 at http://127.0.0.1:65000 (pid 2147483646) was no longer running: nothing to stop')
assert log.contains("No Conductor server to stop: no server.pid in ${new File(basedir, 'work').canonicalPath}")
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'work/server.pid').exists()
