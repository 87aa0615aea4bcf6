import type { Emitter } from '@clavard/protocol/internal';
import { fromWireError, type TabAction, type TabEvent } from './tab-messages.js';
import type { ClientCore } from './tab-types.js';
import type { ChatEvents } from './types.js';

/**
 * Emit, in a follower, an event the leader repeated.
 *
 * @example
 * ```ts
 * if (message.type === 'event') replayEvent(emitter, message.event);
 * ```
 */
export function replayEvent(emitter: Emitter<ChatEvents>, event: TabEvent): void {
  // One call per name: TypeScript cannot correlate `name` and `payload` of the union in a single call.
  switch (event.name) {
    case 'error':
      emitter.emit('error', fromWireError(event.payload));
      break;
    case 'message':
      emitter.emit('message', event.payload);
      break;
    case 'agent.joined':
      emitter.emit('agent.joined', event.payload);
      break;
    case 'agent.left':
      emitter.emit('agent.left', event.payload);
      break;
    case 'agent.transferred':
      emitter.emit('agent.transferred', event.payload);
      break;
    case 'form.request':
      emitter.emit('form.request', event.payload);
      break;
    case 'conversation.ended':
      emitter.emit('conversation.ended', event.payload);
      break;
    case 'discontinuity':
      emitter.emit('discontinuity', event.payload);
      break;
    case 'status':
      emitter.emit('status', event.payload);
      break;
    case 'shutdown':
      emitter.emit('shutdown', event.payload);
      break;
    default:
      // Every forwarded event has its case: one more in TabEvent without one here fails to compile.
      event satisfies never;
  }
}

/**
 * Do, in the leader, what a follower asked. Throws what the core throws (a `ChatError` it has already
 * reported).
 *
 * @example
 * ```ts
 * performAction(core, { kind: 'send', clientId, text: 'Hello' });
 * ```
 */
export function performAction(core: ClientCore, action: TabAction): void {
  switch (action.kind) {
    case 'send':
      core.accept(action.clientId, action.text, action.quickReplyId);
      break;
    case 'retry':
      core.retryAs(action.clientId, action.nextId);
      break;
    case 'typing':
      core.setTyping(action.active);
      break;
    case 'read':
      core.markRead();
      break;
    case 'form':
      core.submitForm(action.formId, action.values);
      break;
    case 'rate':
      core.rate(action.rating);
      break;
    case 'end':
      core.end();
      break;
    case 'connect':
      core.connect();
      break;
    case 'identify':
      core.identify(action.token);
      break;
    case 'shutdown':
      core.shutdown();
      break;
    case 'forget':
      core.forget();
      break;
  }
}
