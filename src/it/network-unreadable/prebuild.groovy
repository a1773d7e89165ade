// On the real server: this project's task definitions (owner itnet-un@example.com), one of them used by a
// workflow that only the server holds. In front of it, a proxy whose login page answers the workflow listing.
import groovy.json.JsonOutput

def send = { String method, String path, body ->
  def c = new URL(conductorUrl + '/api/metadata/' + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
  assert c.responseCode == 200 : "${method} ${path}: ${c.responseCode}"
}
def owner = 'itnet-un@example.com'
send('POST', 'taskdefs', ['itnet_un_local', 'itnet_un_used', 'itnet_un_orphan'].collect { [name: it, ownerEmail: owner, retryCount: 1] })
send('PUT', 'workflow', [[name: 'itnet_un_user', version: 1, schemaVersion: 2, ownerEmail: owner,
    tasks: [[name: 'itnet_un_used', taskReferenceName: 'u_ref', type: 'SIMPLE']]]])

def FaultProxy = new URLClassLoader([new File(testClasses).toURI().toURL()] as URL[], getClass().classLoader)
    .loadClass('io.idflow.faults.FaultProxy')
FaultProxy.startShared(proxyPort as int, conductorUrl).fault('GET', '/api/metadata/workflow', -1, FaultProxy.html())
return true
