package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Json;
import java.util.Set;

/**
 * What a Conductor server adds to the definitions it stores (conductor-oss 3.32.3, observed):
 * values it fills in when a field is absent, and audit fields that depend on how a definition was
 * written. A field holding its default means the same as an absent one.
 */
final class ServerDefaults {

  static final Set<String> AUDIT_FIELDS = Set.of("createTime", "updateTime", "createdBy", "updatedBy");

  static final JsonNode WORKFLOW = parse("""
      {"version":1,"inputParameters":[],"outputParameters":{},"schemaVersion":2,"restartable":true,
       "workflowStatusListenerEnabled":false,"timeoutPolicy":"ALERT_ONLY","timeoutSeconds":0,
       "variables":{},"inputTemplate":{},"enforceSchema":true,"metadata":{},"maskedFields":[]}""");

  static final JsonNode WORKFLOW_TASK = parse("""
      {"inputParameters":{},"decisionCases":{},"defaultCase":[],"forkTasks":[],"startDelay":0,
       "joinOn":[],"optional":false,"defaultExclusiveJoinTask":[],"asyncComplete":false,
       "loopOver":[],"onStateChange":{},"permissive":false,"metadata":{}}""");

  static final JsonNode TASK = parse("""
      {"retryCount":3,"timeoutSeconds":0,"inputKeys":[],"outputKeys":[],"runtimeMetadata":[],
       "timeoutPolicy":"TIME_OUT_WF","retryLogic":"FIXED","retryDelaySeconds":60,
       "responseTimeoutSeconds":3600,"inputTemplate":{},"rateLimitPerFrequency":0,
       "rateLimitFrequencyInSeconds":1,"backoffScaleFactor":1,"maxRetryDelaySeconds":0,
       "backoffJitterMs":0,"totalTimeoutSeconds":0,"taskStatusListenerEnabled":true,
       "enforceSchema":false}""");

  private ServerDefaults() {}

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
