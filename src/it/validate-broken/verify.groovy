def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] idflow/workflows/syntax.json line 4, column')
assert log.contains('is not valid JSON')
assert log.contains('defined twice: in idflow/workflows/one.json and in idflow/workflows/two.json; keep one')
assert log.contains("'version' must be a whole number >= 0, found the string \"2\"")
assert log.contains('taskReferenceName: same should be unique across tasks for a given workflowDefinition')
assert log.contains('[ERROR] idflow/tasks/empty.json: is empty')
assert log.contains('TaskDef retryCount: 0 must be >= 0 (found -1)')
assert log.contains('itbroken_task')
