def proxy = System.getProperties().remove('io.idflow.faults.FaultProxy@' + proxyPort)
def seen = proxy.seen()
proxy.close()
def log = new File(basedir, 'build.log').text
def via = 'http://127.0.0.1:' + proxyPort + '/api/metadata/'

// upload-workflows: the redirected PUT is an error that says where it points and what to set.
assert log.contains('PUT ' + via + 'workflow answered 301 and redirects to ' + conductorUrl + '/api/metadata/workflow')
assert log.contains('Point the plugin at the server itself: -Didflow.conductorUrl=' + conductorUrl)
assert log.contains('✗ Failed to upload workflow: itnet_redir_wf')
assert log.contains('Summary: 0/1 workflows uploaded, 1 failed')
assert !log.contains('✓ Uploaded workflow: itnet_redir_wf')
// sync-tasks: the same for the redirected create.
assert log.contains('POST ' + via + 'taskdefs answered 302 and redirects to ' + conductorUrl + '/api/metadata/taskdefs')
assert !log.contains('✓ Created task: itnet_redir_task')

// Nothing followed the redirects, so nothing was written: the server holds neither definition.
assert seen.count { it.startsWith('PUT ') } == 1 && seen.count { it.startsWith('POST ') } == 1 : seen
def status = { path -> new URL(conductorUrl + '/api/metadata/' + path).openConnection().responseCode }
assert status('workflow/itnet_redir_wf?version=1') == 404
assert status('taskdefs/itnet_redir_task') == 404
return true
