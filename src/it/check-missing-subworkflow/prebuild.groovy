// The server holds the loop's child at the pinned version 1 and the case's child at version 1 only
// (the parent pins version 2); the fork's child is not there at all.
def child = { name -> """{"name":"${name}","version":1,"schemaVersion":2,"tasks":[{"name":"noop","taskReferenceName":"noop_ref","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"(function () { return 1; })();"}}]}""" }
def put = new URL(conductorUrl + '/api/metadata/workflow').openConnection()
put.requestMethod = 'PUT'
put.doOutput = true
put.setRequestProperty('Content-Type', 'application/json')
put.outputStream.withWriter('UTF-8') { it << '[' + child('itcmsub_loop_child') + ',' + child('itcmsub_case_child') + ']' }
assert put.responseCode == 200
return true
