/*
 * Sending a page: the frame (who is signed in, the sign-out form's CSRF token) filled in from the request, and the
 * HTML answered as text/html. The strict CSP comes from the app for every answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { renderView, type PageFrame } from './views.js';

export async function sendPage(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  frame: Omit<PageFrame, 'principal' | 'canSignOut' | 'csrf'>,
  data: object = {},
  status = 200,
): Promise<FastifyReply> {
  const html = renderView(view, await frameOf(ctx, request, reply, frame), data);
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export async function frameOf(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, frame: Omit<PageFrame, 'principal' | 'canSignOut' | 'csrf'>): Promise<PageFrame> {
  return { ...frame, principal: request.principal, canSignOut: ctx.config.server.tokens.length > 0, csrf: await reply.generateCsrf() };
}

/** A 404 page saying what was not found. */
export function sendNotFound(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, message: string): Promise<FastifyReply> {
  return sendPage(ctx, request, reply, 'not-found', { title: 'Not found' }, { message }, 404);
}

/** A page for a request the server could not carry out, with what to do. */
export function sendErrorPage(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  heading: string,
  messages: string[],
  back: { href: string; label: string },
): Promise<FastifyReply> {
  return sendPage(ctx, request, reply, 'error', { title: heading }, { heading, messages, back }, status);
}
