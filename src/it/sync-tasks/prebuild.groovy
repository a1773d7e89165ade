// The server holds itsync_changed with older retries and timeout, and itsync_same exactly as the
// local file has it; itsync_new does not exist. Their createTime and updateTime are noted: the sync
// must keep the first (a PUT, not a POST) and never rewrite the unchanged one.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def call = { String method, String path, String body = null ->
  def c = new URL(conductorUrl + '/api/metadata/taskdefs' + path).openConnection()
  c.requestMethod = method
  if (body != null) {
    c.doOutput = true
    c.setRequestProperty('Content-Type', 'application/json')
    c.outputStream.withWriter('UTF-8') { it << body }
  }
  c.responseCode
}
call('DELETE', '/itsync_new') // 500 when it is not there: fine
def local = new JsonSlurper().parse(new File(basedir, 'idflow/tasks/more/both.json'))
def older = local[0] + [retryCount: 1, timeoutSeconds: 300, description: 'before the sync']
assert call('POST', '', JsonOutput.toJson([older, local[1]])) == 200
def stored = { name -> new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/' + name)) }
assert stored('itsync_changed').retryCount == 1
new File(basedir, 'before.json').text = JsonOutput.toJson([
    changedCreateTime: stored('itsync_changed').createTime,
    sameUpdateTime: stored('itsync_same').updateTime,
    sameCreateTime: stored('itsync_same').createTime])
return true
