package io.idflow.core.plan;

import java.util.List;

/** The steps that bring the server to the local definitions, in definition order. */
public record Plan(List<PlanItem> items) {

  public Plan {
    items = List.copyOf(items);
  }

  public List<PlanItem> with(Action action) {
    return items.stream().filter(i -> i.action() == action).toList();
  }

  public List<PlanItem> writes() {
    return items.stream().filter(PlanItem::writes).toList();
  }

  public long count(Action action) {
    return items.stream().filter(i -> i.action() == action).count();
  }
}
