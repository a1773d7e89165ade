// Only itcmtask_known has a task definition on the server. The others must be absent, even when
// an earlier run against the same server left something behind.
['itcmtask_fetch_url', 'itcmtask_summarize', 'itcmtask_adhoc'].each { name ->
  def del = new URL(conductorUrl + '/api/metadata/taskdefs/' + name).openConnection()
  del.requestMethod = 'DELETE'
  del.responseCode // 200, or 500 when it is not there
}
def post = new URL(conductorUrl + '/api/metadata/taskdefs').openConnection()
post.requestMethod = 'POST'
post.doOutput = true
post.setRequestProperty('Content-Type', 'application/json')
post.outputStream.withWriter('UTF-8') { it << '[{"name":"itcmtask_known","retryCount":1,"timeoutSeconds":60,"responseTimeoutSeconds":30}]' }
assert post.responseCode == 200
return true
