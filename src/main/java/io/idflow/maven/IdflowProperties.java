package io.idflow.maven;

/**
 * The user properties of every goal, declared once so that goals sharing a parameter share its
 * name.
 */
final class IdflowProperties {
  static final String PREFIX = "idflow.";

  static final String SKIP = "idflow.skip";
  static final String VALIDATION_CACHE = "idflow.validationCache";
  static final String CONDUCTOR_URL = "idflow.conductorUrl";
  static final String DIRECTORY = "idflow.directory";
  static final String WORKFLOW = "idflow.workflow";
  static final String VERSION = "idflow.version";
  static final String TASK = "idflow.task";
  static final String EVENT_HANDLER = "idflow.eventHandler";
  static final String SCHEDULE = "idflow.schedule";
  static final String FORCE = "idflow.force";
  static final String DRY_RUN = "idflow.dryRun";
  static final String ON_DRIFT = "idflow.onDrift";
  static final String OWNER_EMAIL = "idflow.ownerEmail";
  static final String OWNER_EMAIL_MANDATORY = "idflow.ownerEmailMandatory";
  static final String INPUT = "idflow.input";
  static final String WAIT = "idflow.wait";
  static final String REPORTS = "idflow.reports";
  static final String REQUIRED_WORKFLOWS = "idflow.requiredWorkflows";
  static final String FAIL_ON_MISSING = "idflow.failOnMissing";
  static final String FAIL_ON_DRIFT = "idflow.failOnDrift";
  static final String FAIL_ON_DIFF = "idflow.failOnDiff";
  static final String SOURCE = "idflow.source";
  static final String TEST = "idflow.test";

  static final String PLACEHOLDER_FILE = "idflow.placeholderFile";
  static final String PLACEHOLDER_PREFIX = "idflow.placeholderPrefix";
  static final String PLACEHOLDER_SUFFIX = "idflow.placeholderSuffix";
  static final String SECRET_PLACEHOLDERS = "idflow.secretPlaceholders";

  static final String PURGE_INCLUDES = "idflow.purge.includes";
  static final String PURGE_EXCLUDES = "idflow.purge.excludes";
  static final String PURGE_EVENT_HANDLERS = "idflow.purge.eventHandlers";
  static final String PURGE_MAX_DELETIONS = "idflow.purge.maxDeletions";
  static final String PURGE_BACKUP_DIRECTORY = "idflow.purge.backupDirectory";

  static final String PRUNE_KEEP = "idflow.prune.keep";
  static final String PRUNE_INCLUDES = "idflow.prune.includes";
  static final String PRUNE_EXCLUDES = "idflow.prune.excludes";
  static final String PRUNE_MAX_DELETIONS = "idflow.prune.maxDeletions";
  static final String PRUNE_BACKUP_DIRECTORY = "idflow.prune.backupDirectory";

  static final String EXPORT_INCLUDES = "idflow.export.includes";
  static final String EXPORT_EXCLUDES = "idflow.export.excludes";
  static final String EXPORT_VERSIONS = "idflow.export.versions";

  static final String SERVER_ID = "idflow.serverId";
  static final String AUTH = "idflow.auth";
  static final String CONNECT_TIMEOUT = "idflow.connectTimeout";
  static final String READ_TIMEOUT = "idflow.readTimeout";
  static final String RETRIES = "idflow.retries";
  static final String TRUST_STORE = "idflow.trustStore";
  static final String TRUST_STORE_PASSWORD = "idflow.trustStorePassword";
  static final String KEY_STORE = "idflow.keyStore";
  static final String KEY_STORE_PASSWORD = "idflow.keyStorePassword";
  static final String INSECURE = "idflow.insecure";
  static final String MAX_ANSWER_SIZE = "idflow.maxAnswerSize";

  static final String SERVER_VERSION = "idflow.server.version";
  static final String SERVER_JAVA_HOME = "idflow.server.javaHome";
  static final String SERVER_PORT = "idflow.server.port";
  static final String SERVER_PROPERTIES = "idflow.server.properties";
  static final String SERVER_START_TIMEOUT = "idflow.server.startTimeout";
  static final String SERVER_DETACH = "idflow.server.detach";
  static final String SERVER_STOP_TIMEOUT = "idflow.server.stopTimeout";
  static final String SERVER_WORK_DIRECTORY = "idflow.server.workDirectory";

  private IdflowProperties() {}
}
