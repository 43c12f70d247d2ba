import { describe, expect, it } from "vitest";
import { eventBus } from "@/lib/events/event-bus";

describe("the event bus", () => {
  it("delivers a topic's messages to its subscribers until they unsubscribe, and no other topic's", () => {
    const heard: string[] = [];
    const stop = eventBus().subscribe("payment-status:p1", (message) => heard.push(message));
    eventBus().publish("payment-status:p1", "pending_payment");
    eventBus().publish("payment-status:p2", "complete");
    eventBus().publish("payment-status:p1", "complete");
    stop();
    eventBus().publish("payment-status:p1", "expired");
    expect(heard).toEqual(["pending_payment", "complete"]);
  });
});
