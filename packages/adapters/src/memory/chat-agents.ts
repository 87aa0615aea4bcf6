import { type AgentInfo, ChatError, type MessageContent, type ServerMessage } from '@clavard/protocol';
import type { ChatCore, Conversation } from './chat-core.js';
import type { MemoryChatAgents } from './chat-server-types.js';

const toContent = (content: MessageContent | string): MessageContent =>
  typeof content === 'string' ? { kind: 'text', text: content } : content;

/** An agent joins a conversation: `agent.joined`, status `active`. */
export function joinAgent(core: ChatCore, conversation: Conversation, agent: AgentInfo): void {
  conversation.agents.set(agent.id, { ...agent });
  conversation.agent = { ...agent };
  conversation.status = 'active';
  core.append(conversation, { type: 'agent.joined', agent: { ...agent } });
  core.changed(conversation);
}

/** A joined agent's message. */
export function agentMessage(
  core: ChatCore,
  conversation: Conversation,
  agentId: string,
  content: MessageContent | string,
): ServerMessage {
  const agent = conversation.agents.get(agentId);
  if (!agent) throw new ChatError('not-found', `agent ${agentId} is not in ${conversation.id}`);
  if (conversation.status === 'ended')
    throw new ChatError('conversation-ended', `${conversation.id} has ended`);
  const event = core.append(conversation, {
    type: 'message',
    id: core.options.createId(),
    author: { role: 'agent', ...agent },
    content: toContent(content),
  });
  if (event.type !== 'message') throw new ChatError('server-error', 'not a message');
  return structuredClone(event);
}

/** The agents' side of the memory chat server. */
export function createAgents(core: ChatCore): MemoryChatAgents {
  return {
    join(conversationId, agent) {
      joinAgent(core, core.open(conversationId), agent);
    },
    leave(conversationId, agentId) {
      const conversation = core.open(conversationId);
      const agent = conversation.agents.get(agentId);
      if (!agent) throw new ChatError('not-found', `agent ${agentId} is not in ${conversationId}`);
      conversation.agents.delete(agentId);
      if (conversation.agent?.id === agentId) conversation.agent = undefined;
      core.append(conversation, { type: 'agent.left', agent });
      core.changed(conversation);
    },
    send(conversationId, agentId, content) {
      return agentMessage(core, core.conversation(conversationId), agentId, content);
    },
    typing(conversationId, agentId, active = true) {
      const conversation = core.open(conversationId);
      const agent = conversation.agents.get(agentId);
      if (!agent) throw new ChatError('not-found', `agent ${agentId} is not in ${conversationId}`);
      core.toVisitor(conversation, {
        type: 'typing',
        conversationId,
        by: { role: 'agent', ...agent },
        active,
      });
    },
    read(conversationId, upToSeq) {
      const conversation = core.conversation(conversationId);
      const seq = upToSeq ?? conversation.events.at(-1)?.seq ?? 0;
      conversation.agentReadSeq = Math.max(conversation.agentReadSeq, seq);
      core.toVisitor(conversation, { type: 'read', conversationId, upToSeq: seq, by: 'agent' });
    },
    transfer(conversationId, toAgent) {
      const conversation = core.open(conversationId);
      const from = conversation.agent;
      conversation.agents.set(toAgent.id, { ...toAgent });
      conversation.agent = { ...toAgent };
      conversation.status = 'active';
      core.append(conversation, {
        type: 'agent.transferred',
        agent: { ...toAgent },
        ...(from ? { from } : {}),
      });
      core.changed(conversation);
    },
    end(conversationId, closing) {
      const conversation = core.open(conversationId);
      conversation.status = 'ended';
      core.append(conversation, {
        type: 'conversation.ended',
        by: 'agent',
        ...(closing === undefined ? {} : { closing }),
      });
      core.changed(conversation);
    },
    requestForm(conversationId, form) {
      const conversation = core.open(conversationId);
      const formId = form.formId ?? core.options.createId();
      const event = core.append(conversation, {
        type: 'form.request',
        formId,
        kind: form.kind,
        fields: structuredClone(form.fields),
        ...(form.title === undefined ? {} : { title: form.title }),
        ...(form.reason === undefined ? {} : { reason: form.reason }),
      });
      if (event.type === 'form.request') conversation.forms.set(formId, event);
      return formId;
    },
  };
}
