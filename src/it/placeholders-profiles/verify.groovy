import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def json = { String url -> new JsonSlurper().parse(new URL(url)) }

// Each server holds the files with its own profile's values, typed where a value is a number.
def staging = json(conductorUrl + '/api/metadata/workflow/itph_notify?version=1')
def prod = json(conductorProdUrl + '/api/metadata/workflow/itph_notify?version=1')
assert staging.description == 'Tells the staging partner API about an order'
assert prod.description == 'Tells the prod partner API about an order'
assert staging.tasks[1].inputParameters.http_request.uri == 'https://partner.staging.example.com/v1/orders/${workflow.input.orderId}'
assert prod.tasks[1].inputParameters.http_request.uri == 'https://partner.example.com/v1/orders/${workflow.input.orderId}'
assert staging.tasks[1].inputParameters.http_request.headers.Authorization == 'Bearer staging-token-31'
assert prod.tasks[1].inputParameters.http_request.headers.Authorization == 'Bearer tok-prod-s3cr3t-77'
assert staging.timeoutSeconds == 600 && prod.timeoutSeconds == 3600
assert staging.ownerEmail == 'platform@example.com' && prod.ownerEmail == 'platform@example.com'
assert json(conductorUrl + '/api/metadata/taskdefs/itph_send').retryCount == 1
assert json(conductorProdUrl + '/api/metadata/taskdefs/itph_send').retryCount == 5

// After the uploads, each profile's diff against its own server is empty.
assert log.count('Plan: 0 to create, 0 to update') >= 2

// Staging's values aimed at prod: drift, not uploaded, both tokens masked.
assert log.contains('⚠ Workflow itph_notify differs from Conductor at the same version (onDrift=warn), not uploaded')
// The server's token is as secret as ours, though this build does not know it: neither side is shown.
assert log.contains('/tasks/1/inputParameters/http_request/headers/Authorization: "****" (secret) -> "****" (secret)')

// The profile that forgets a value: every unresolved placeholder named with its file and path, nothing sent.
assert log.contains('idflow/workflows/notify.json at /tasks/1/inputParameters/http_request/uri (workflow \'itph_notify\'): the placeholder @{host} has no value; it is not in the plugin\'s <placeholders>, -Didflow.placeholder.host, the placeholder file env/staging.properties (did you mean hostname?)')
assert log.contains('nothing was sent to Conductor')

// No secret value anywhere: the log, the reports.
for (secret in ['tok-prod-s3cr3t-77', 'staging-token-31']) {
  assert !log.contains(secret) : secret
  new File(basedir, 'target/idflow').eachFile { f -> assert !f.text.contains(secret) : "${f.name} holds ${secret}" }
}
// The files themselves are never changed.
assert new File(basedir, 'idflow/workflows/notify.json').text.contains('Bearer @{apiToken}')
return true
