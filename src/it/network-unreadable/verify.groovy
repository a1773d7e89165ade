def proxy = System.getProperties().remove('io.idflow.faults.FaultProxy@' + proxyPort)
def seen = proxy.seen()
proxy.close()
def log = new File(basedir, 'build.log').text

def unreadable = 'GET http://127.0.0.1:' + proxyPort + "/api/metadata/workflow answered 200, but not with Conductor's list of workflow definitions: an HTML page"
assert log.count(unreadable) >= 2 : 'purge-orphans and diff both say what answered'
assert log.contains('Nothing was deleted')
assert !log.contains('Purged task')

// Not one DELETE was sent, and the task definition the server's workflow uses is still there.
assert !seen.any { it.startsWith('DELETE ') } : seen
def status = { path -> new URL(conductorUrl + '/api/metadata/' + path).openConnection().responseCode }
assert status('taskdefs/itnet_un_used') == 200
assert status('taskdefs/itnet_un_orphan') == 200
return true
