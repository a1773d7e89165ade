// The fault proxy (test classes) in front of the real server: the listings pass, the writes are redirected
// to the server itself, as a load balancer in front of a moved host does.
def FaultProxy = new URLClassLoader([new File(testClasses).toURI().toURL()] as URL[], getClass().classLoader)
    .loadClass('io.idflow.faults.FaultProxy')
def proxy = FaultProxy.startShared(proxyPort as int, conductorUrl)
proxy.fault('PUT', '/api/metadata/workflow', -1, FaultProxy.redirect(301, conductorUrl, true))
proxy.fault('POST', '/api/metadata/taskdefs', -1, FaultProxy.redirect(302, conductorUrl, true))
return true
