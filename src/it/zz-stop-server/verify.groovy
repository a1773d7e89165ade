def log = new File(basedir, 'build.log').text
if (binding.hasVariable('itStopGuard')) {
    // The outer build's second guard: the server is normally stopped already, and either outcome is fine.
    assert log.contains('No Conductor server to stop') || log.contains('Stopped Conductor')
    return
}
assert log =~ /Stopped Conductor ${java.util.regex.Pattern.quote(conductorVersion)} at ${java.util.regex.Pattern.quote(conductorUrl)} \(pid \d+\) in /
assert !new File(serverDirectory, 'server.pid').exists()
try {
    new Socket('127.0.0.1', conductorPort as int).close()
    assert false: "something still listens on ${conductorUrl}"
} catch (ConnectException expected) {
}
assert log =~ /Stopped Conductor ${java.util.regex.Pattern.quote(conductorVersion)} at ${java.util.regex.Pattern.quote(conductorProdUrl)} \(pid \d+\) in /
