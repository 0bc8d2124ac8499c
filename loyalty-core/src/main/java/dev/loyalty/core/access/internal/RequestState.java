package dev.loyalty.core.access.internal;

import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of an approval request as its audit entries record it before and after an action: a
 * small string map that says what a reader of the log needs without the request store.
 */
public final class RequestState {

  private RequestState() {
  }

  /**
   * "request", "rule", "maker", "status", "required", "points" (if any), "approved-by.1" (and
   * ".2"), "rejected-by" (if rejected).
   */
  public static Map<String, String> of(ApprovalRequest request) {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("request", request.id().value());
    state.put("rule", request.rule().name());
    state.put("maker", request.maker().value());
    state.put("status", request.status().name());
    state.put("required", Integer.toString(request.requiredApprovals()));
    request.points().ifPresent(p -> state.put("points", Long.toString(p)));
    List<Check> approvals = request.approvals();
    for (int i = 0; i < approvals.size(); i++) {
      state.put("approved-by." + (i + 1), approvals.get(i).checker().value());
    }
    request.rejection().ifPresent(r -> state.put("rejected-by", r.checker().value()));
    return state;
  }
}
