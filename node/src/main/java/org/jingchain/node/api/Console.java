package org.jingchain.node.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Response;
import org.jingchain.types.Bytes;

/**
 * The web console's files, served from the node's own jar and the services' — nothing from
 * elsewhere. The page loads the console's script, then each service's, which plug their pages into
 * it (docs/console.md).
 */
public final class Console {
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "verify.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8");
  private static final String SCRIPTS_MARK = "<!-- service scripts -->";

  private final Map<String, String> serviceScripts;
  private final byte[] index;

  /**
   * @param serviceScripts each service's console script by service name, in load order
   */
  public Console(Map<String, String> serviceScripts) {
    this.serviceScripts = new LinkedHashMap<>(serviceScripts);
    StringBuilder tags = new StringBuilder();
    for (String name : this.serviceScripts.keySet()) {
      tags.append("<script src=\"/console/services/").append(name).append(".js\"></script>\n");
    }
    String html =
        new String(
            ApiServer.resource("/org/jingchain/node/console/index.html"), StandardCharsets.UTF_8);
    if (!html.contains(SCRIPTS_MARK)) {
      throw new IllegalStateException("the console's index.html lacks " + SCRIPTS_MARK);
    }
    this.index =
        html.replace(SCRIPTS_MARK, tags.toString().strip()).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code GET /} and {@code GET /console/{file}}. */
  Response file(String file) throws ApiException {
    String type = FILES.get(file);
    if (type == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no console file " + file);
    }
    byte[] bytes =
        file.equals("index.html")
            ? index
            : ApiServer.resource("/org/jingchain/node/console/" + file);
    return Response.ok(new Response.Text(type, Bytes.wrap(bytes)));
  }

  /** {@code GET /console/services/{name}.js}. */
  Response serviceScript(String file) throws ApiException {
    String name = file.endsWith(".js") ? file.substring(0, file.length() - 3) : "";
    String js = serviceScripts.get(name);
    if (js == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no console script " + file);
    }
    return Response.ok(
        new Response.Text(
            "text/javascript; charset=utf-8", Bytes.wrap(js.getBytes(StandardCharsets.UTF_8))));
  }
}
