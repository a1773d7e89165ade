def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] idflow/workflows/parent.json at /tasks/0/subWorkflowParam (workflow itval_parent v1): sub-workflow itval_elsewhere v3 is not defined in local files; it must exist on the server')
assert log.contains("[WARNING] idflow/workflows/parent.json at /tasks/1 (workflow itval_parent v1): task 'charge' (ref charge_ref) has no task definition in local files")
assert log.contains('Validated 2 workflows and 1 task definition in 3 files: no errors, 2 warnings')
// The Bean Validation provider's start-up banner (Hibernate Validator's HV000001) is not the user's business.
assert !log.contains('HV000001')
assert !log.contains('org.hibernate.validator')
