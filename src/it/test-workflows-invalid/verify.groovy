import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("idflow/tests/flow.json at /1/taskRefToMockOutput/helo_ref (test 'mocks a task the workflow does not have'): no task of the workflow has the reference 'helo_ref' (known: hello_ref)")
assert log.contains('nothing was sent to Conductor')
assert !log.contains('says hi (itt_invalid')
// No case ran: the server holds no execution of the workflow (the valid case was not sent either).
def search = new JsonSlurper().parse(new URL("${conductorUrl}/api/workflow/search?size=10&query=workflowType%3Ditt_invalid"))
assert search.totalHits == 0 : search
return true
