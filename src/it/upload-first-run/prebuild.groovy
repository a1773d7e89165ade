// Puts itfirst_alpha on the server as the local file has it, and notes its updateTime: the plugin
// must find it up to date and never rewrite it (a PUT would stamp a new updateTime).
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def body = '[' + new File(basedir, 'idflow/workflows/a.json').text + ']'
def put = new URL(conductorUrl + '/api/metadata/workflow').openConnection()
put.requestMethod = 'PUT'
put.doOutput = true
put.setRequestProperty('Content-Type', 'application/json')
put.outputStream.withWriter('UTF-8') { it << body }
assert put.responseCode == 200
def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itfirst_alpha?version=1'))
new File(basedir, 'alpha-updateTime.txt').text = String.valueOf(stored.updateTime)
return true
