// Run as a separate process by the event bus test: publishes one event on the PostgreSQL bus
// and simply returns. The process must then exit by itself (the bus's connections must not
// hold it), and the event must still reach other instances.
import { createPostgresEventBus } from "@/lib/events/postgres-event-bus";

const [connectionString, topic, message] = process.argv.slice(2);
const bus = createPostgresEventBus({ connectionString: connectionString!, instanceId: "publisher" });
await bus.listening();
bus.publish(topic!, message!);
