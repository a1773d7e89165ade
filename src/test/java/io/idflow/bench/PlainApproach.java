package io.idflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * One request per definition, without looking at the server: {@code POST /metadata/taskdefs [def]}
 * (an upsert) for each task definition, {@code PUT /metadata/workflow [def]} (create or update) for
 * each workflow. Over one kept-alive connection.
 */
final class PlainApproach implements Approach {
  static final MediaType JSON = MediaType.get("application/json");

  private final String api;
  private final Meter meter;

  PlainApproach(String url, Meter meter) {
    this.api = url + "/api";
    this.meter = meter;
  }

  @Override
  public Estimate run(Path idflow, Set<String> changed) throws IOException {
    OkHttpClient http = Http.client(meter);
    Local local = Local.read(idflow);
    for (Local.Def t : local.tasks()) {
      Http.send(
          http,
          new Request.Builder().url(api + "/metadata/taskdefs").post(array(t.body())).build());
    }
    for (Local.Def w : local.workflows()) {
      Http.send(
          http, new Request.Builder().url(api + "/metadata/workflow").put(array(w.body())).build());
    }
    return null;
  }

  static RequestBody array(byte[] body) {
    byte[] out = new byte[body.length + 2];
    out[0] = '[';
    System.arraycopy(body, 0, out, 1, body.length);
    out[out.length - 1] = ']';
    return RequestBody.create(out, JSON);
  }
}
