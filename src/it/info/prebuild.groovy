// The server holds definitions of its own that no local file defines: itinfo_srv v1 and v2 and the task
// definition itinfo_srv_t, so that info's counts on the server are not zero whatever runs before it.
import groovy.json.JsonOutput

def send = { String method, String path, body ->
  def c = new URL(conductorUrl + '/api/metadata/' + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
  assert c.responseCode in [200, 204] : "${method} ${path}: ${c.responseCode}"
}
def flow = { int v -> [name: 'itinfo_srv', version: v, ownerEmail: 'itinfo@example.com',
                       tasks: [[name: 'w', taskReferenceName: 'w', type: 'WAIT']]] }
send('PUT', 'workflow', [flow(1), flow(2)])
send('POST', 'taskdefs', [[name: 'itinfo_srv_t', ownerEmail: 'itinfo@example.com']])
return true
