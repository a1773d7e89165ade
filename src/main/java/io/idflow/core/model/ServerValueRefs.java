package io.idflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Pointers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's secrets and environment values a definition reads ({@code ${workflow.secrets.NAME}}
 * and {@code ${workflow.env.NAME}}, Conductor 3.31 and later), anywhere in it. A name the server
 * lacks is dropped at run time with a line in the server's log only.
 */
public final class ServerValueRefs {

  /**
   * One reference.
   *
   * @param secret true for {@code workflow.secrets}, false for {@code workflow.env}
   * @param name the secret's or value's name
   * @param pointer where the string that holds it is
   */
  public record Ref(boolean secret, String name, String pointer) {}

  private static final Pattern REF =
      Pattern.compile("\\$\\{workflow\\.(secrets|env)\\.([A-Za-z0-9_.-]+)}");

  private ServerValueRefs() {}

  /** Every reference in {@code json}, in document order. */
  public static List<Ref> in(JsonNode json) {
    List<Ref> out = new ArrayList<>();
    walk(json, "", out);
    return out;
  }

  private static void walk(JsonNode node, String pointer, List<Ref> out) {
    if (node.isTextual()) {
      Matcher m = REF.matcher(node.asText());
      while (m.find()) {
        out.add(new Ref(m.group(1).equals("secrets"), m.group(2), pointer));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, out);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), pointer + "/" + Pointers.escape(e.getKey()), out);
      }
    }
  }
}
