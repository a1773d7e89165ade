import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Missing secrets and environment values: secret IT_ABSENT')
assert log.contains('  secret IT_ABSENT: used by itsec_call v1 at /tasks/0/inputParameters/http_request/headers/X-Partner-Key (idflow/workflows/call.json)')
assert log.contains('conductor-oss reads CONDUCTOR_SECRET_<NAME> and CONDUCTOR_ENV_<NAME> from its environment')
assert !log.contains('secret IT_PRESENT:') && !log.contains('env IT_REGION:')
// No secret value reaches the log.
assert !log.contains('not-a-real-secret')
def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
def values = report.entries.findAll { it.kind in ['secret', 'env'] }.collect { "${it.kind} ${it.name} ${it.outcome}" }.sort()
assert values == ['env IT_REGION present', 'secret IT_ABSENT missing', 'secret IT_PRESENT present'] : values
// diff: the same check, beside a plan with nothing to change.
assert log.contains('[WARNING] ! secret IT_ABSENT, read by itsec_call v1 at /tasks/0/inputParameters/http_request/headers/X-Partner-Key (idflow/workflows/call.json)')
assert log.contains('Plan: 0 to create, 0 to update, 1 unchanged; 1 secret or environment value missing')
assert log.contains('Create the missing secrets and environment values on the server: the plugin never writes them')
return true
