import type { AgentRole } from '@clavard/agent-api';
import type { ConversationStatus, FormField, FormKind } from '@clavard/protocol';

/** A visitor as stored: the session token is kept only as a hash, elsewhere. */
export interface VisitorRow {
  id: string;
  locale: string | null;
  created_at: number;
}

/** An agent as stored. */
export interface AgentRow {
  id: string;
  first_name: string;
  title: string | null;
  avatar_url: string | null;
  created_at: number;
  /** What the agent signs in with (null for the rows of older releases, which cannot sign in). */
  login: string | null;
  role: AgentRole;
}

/** A conversation as stored. */
export interface ConversationRow {
  id: string;
  visitor_id: string;
  epoch: string;
  status: ConversationStatus;
  topic: string | null;
  agent_id: string | null;
  last_seq: number;
  visitor_read_seq: number;
  agent_read_seq: number;
  created_at: number;
  answered_at: number | null;
  ended_at: number | null;
  /** When the visitor left a message (nobody was available): it waits in the agents' inbox, not the queue. */
  left_message_at: number | null;
  /** Above 0: ahead of the others in the queue (a handoff's conversation). */
  priority: number;
}

/** What the server answered to a message's `clientId`, kept to answer every resend the same. */
export interface AckRow {
  conversation_id: string;
  client_id: string;
  content_hash: string;
  message_id: string;
  seq: number;
  at: number;
}

/** A form the server asked in a conversation. */
export interface FormRow {
  conversationId: string;
  formId: string;
  kind: FormKind;
  fields: FormField[];
}
