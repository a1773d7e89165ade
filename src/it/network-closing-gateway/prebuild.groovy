// A gateway without keep-alive: it closes every connection after its answer, without saying so, and answers
// the first two reads with 503. A request sent on a connection it has closed never reaches the server.
def FaultProxy = new URLClassLoader([new File(testClasses).toURI().toURL()] as URL[], getClass().classLoader)
    .loadClass('io.idflow.faults.FaultProxy')
FaultProxy.startShared(proxyPort as int, conductorUrl).closeAfterEveryAnswer(true)
    .fault('GET', '/api/metadata/workflow/names-and-versions', 2, FaultProxy.status(503))
return true
