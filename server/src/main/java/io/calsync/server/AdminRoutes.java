package io.calsync.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin}: credentials. Issues and revokes agent secrets, creates, lists and revokes API
 * keys, all through {@link Credentials} (as {@code calsync admin} does). Admin credentials only; a
 * secret is in the response that creates it and nowhere else.
 */
final class AdminRoutes {
  private final Auth auth;
  private final Credentials credentials;
  private final ObjectMapper json;

  AdminRoutes(Auth auth, Credentials credentials, ObjectMapper json) {
    this.auth = auth;
    this.credentials = credentials;
    this.json = json;
  }

  void register(JavalinConfig cfg) {
    var r = cfg.routes;
    r.post("/admin/agents/{agent_id}/secret", ctx -> {
      auth.requireAdmin(ctx);
      var issued = credentials.issueAgentSecret(ctx.pathParam("agent_id"));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("agent_id", issued.agentId());
      body.put("agent_secret", issued.secret());
      body.put("registered", issued.registered());
      body.put("note", "shown once: store it in the agent config as agent_secret; a new call replaces it");
      ctx.status(201).json(body);
    });
    r.delete("/admin/agents/{agent_id}/secret", ctx -> {
      auth.requireAdmin(ctx);
      String agentId = ctx.pathParam("agent_id");
      boolean revoked = credentials.revokeAgentSecret(agentId);
      ctx.json(Map.of("agent_id", agentId, "revoked", revoked,
          "note", revoked ? "the agent is refused until a new secret is issued" : "the agent had no secret"));
    });

    r.post("/admin/api-keys", ctx -> {
      auth.requireAdmin(ctx);
      JsonNode body = object(ctx);
      var role = Credentials.Role.parse("role", body.path("role").asText("read"));
      var issued = credentials.createApiKey(body.path("name").asText(null), role);
      Map<String, Object> out = view(issued.info());
      out.put("api_key", issued.key());
      out.put("note", "shown once: send it as X-API-Key or Authorization: Bearer");
      ctx.status(201).json(out);
    });
    r.get("/admin/api-keys", ctx -> {
      auth.requireAdmin(ctx);
      ctx.json(Map.of("api_keys", credentials.listApiKeys().stream().map(AdminRoutes::view).toList()));
    });
    r.delete("/admin/api-keys/{key_id}", ctx -> {
      auth.requireAdmin(ctx);
      ctx.json(view(credentials.revokeApiKey(SyncService.checkId("key_id", ctx.pathParam("key_id")))));
    });
  }

  /** An API key as listed: never its secret. */
  static Map<String, Object> view(Credentials.ApiKeyInfo k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("role", k.role().wireName());
    m.put("created_at", k.createdAt());
    m.put("revoked_at", k.revokedAt());
    m.put("last_used_at", k.lastUsedAt());
    return m;
  }

  /** The body as a JSON object; these endpoints take two string fields, so no record binding. */
  private JsonNode object(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) throw ApiException.badRequest(null, "a JSON object body is required, e.g. {\"name\": \"grafana\", \"role\": \"read\"}");
    try {
      JsonNode node = json.readTree(text);
      if (!node.isObject()) throw ApiException.badRequest(null, "the body must be a JSON object");
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(null, "malformed JSON: " + SyncService.abbreviate(e.getOriginalMessage()));
    }
  }
}
