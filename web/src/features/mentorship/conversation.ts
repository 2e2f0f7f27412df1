import type { MentorshipServerMessage, Message } from "@kinship/contracts/mentorship";
import type { CrisisNotice } from "@kinship/contracts/safety";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { isApiError } from "../../app/api-client.ts";
import { socketUrl } from "../../app/socket-url.ts";
import { fetchHistory, mentorshipKeys, postMessage, postRead } from "./api.ts";

type Incoming =
  | MentorshipServerMessage
  | { type: "hello" }
  | { type: "ack"; id: string; seq: number }
  | { type: "error"; code: string; message: string; id?: string }
  | { type: "reconnect" };

/** A send that is on its way (or was refused, and is kept so nothing the person wrote is lost). */
export type PendingSend = { id: string; text: string; error: string | null };

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

/**
 * The member's private-message socket on the shared `/ws`: watches their channel, reconnects by
 * itself (backing off), and tells listeners about each event and each reconnection so they can
 * catch up from the history.
 */
class DmSocket {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private listeners = new Set<(message: Incoming | { type: "open" }) => void>();
  private statusListeners = new Set<() => void>();
  live = false;

  /** `url` is fixed for tests; otherwise worked out at each (re)connect, in the language read now. */
  constructor(private readonly url?: string) {}

  listen(listener: (message: Incoming | { type: "open" }) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  subscribe = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };
  status = () => this.live;

  private setLive(live: boolean) {
    this.live = live;
    for (const l of this.statusListeners) l();
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000, "leaving");
    this.ws = null;
  }

  send(message: unknown) {
    if (this.ws?.readyState !== WebSocket.OPEN || !this.live) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  private open() {
    if (this.stopped) return;
    const ws = new WebSocket(this.url ?? socketUrl());
    this.ws = ws;
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as Incoming;
      if (message.type === "hello") ws.send(JSON.stringify({ type: "dm.watch" }));
      if (message.type === "dm.watching") {
        this.attempts = 0;
        this.setLive(true);
        for (const l of this.listeners) l({ type: "open" });
      }
      for (const l of this.listeners) l(message);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setLive(false);
      if (this.stopped) return;
      const delay = Math.min(10_000, 500 * 2 ** this.attempts) * (0.8 + Math.random() * 0.4);
      this.attempts += 1;
      this.timer = setTimeout(() => this.open(), delay);
    };
  }
}

/** One socket for the signed-in member's mentorship pages, opened while any of them is shown. */
export function useDmSocket(onEvent: (message: Incoming | { type: "open" }) => void) {
  const [socket] = useState(() => new DmSocket());
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const stop = socket.listen((m) => handler.current(m));
    socket.start();
    return () => {
      stop();
      socket.stop();
    };
  }, [socket]);
  const live = useSyncExternalStore(socket.subscribe, socket.status);
  return { socket, live };
}

/** Live changes to mentorships (requests, answers, ends, new messages) refresh the lists. */
export function useLiveMentorships() {
  const queryClient = useQueryClient();
  useDmSocket((m) => {
    if (m.type === "dm.changed" || m.type === "dm.message" || m.type === "open")
      void queryClient.invalidateQueries({ queryKey: mentorshipKeys.all });
  });
}

const TYPING_SHOWN_MS = 4_000;
const TYPING_EVERY_MS = 2_500;

/**
 * One conversation: history (newest page first, earlier pages on request), live messages, pending
 * sends with retry, "typing…", and read receipts both ways.
 */
export function useConversation(mentorshipId: string) {
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<Message[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [pending, setPending] = useState<PendingSend[]>([]);
  const [typing, setTyping] = useState<string | null>(null);
  const [theirRead, setTheirRead] = useState(0);
  const [crisis, setCrisis] = useState<CrisisNotice | null>(null);
  const myRead = useRef(0);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastTyping = useRef(0);

  const merge = useCallback((items: Message[]) => {
    setMessages((current) => {
      const bySeq = new Map(current.map((m) => [m.seq, m]));
      for (const m of items) bySeq.set(m.seq, m);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    });
  }, []);

  const loadLatest = useCallback(async () => {
    try {
      const page = await fetchHistory(mentorshipId);
      merge(page.items);
      setNextBefore((current) => current ?? page.nextBefore);
      setTheirRead((r) => Math.max(r, page.readUpTo.theirs));
      myRead.current = Math.max(myRead.current, page.readUpTo.mine);
      setLoaded(true);
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  }, [mentorshipId, merge]);

  const { socket, live } = useDmSocket((m) => {
    switch (m.type) {
      case "open":
        // Reconnected: whatever arrived while away is in the history.
        void loadLatest();
        return;
      case "dm.message":
        if (m.message.mentorshipId !== mentorshipId) return;
        merge([m.message]);
        if (!m.message.mine) setTyping(null);
        return;
      case "ack":
        setPending((p) => p.filter((x) => x.id !== m.id));
        return;
      case "error":
        if (m.id) setPending((p) => p.map((x) => (x.id === m.id ? { ...x, error: m.message } : x)));
        return;
      case "dm.typing":
        if (m.mentorship !== mentorshipId) return;
        setTyping(m.handle);
        if (typingTimer.current) clearTimeout(typingTimer.current);
        typingTimer.current = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
        return;
      case "dm.read":
        if (m.mentorship !== mentorshipId) return;
        setTheirRead((r) => Math.max(r, m.seq));
        void queryClient.invalidateQueries({ queryKey: mentorshipKeys.unread }); // the header's count
        return;
      case "dm.changed":
        if (m.mentorship === mentorshipId) void queryClient.invalidateQueries({ queryKey: mentorshipKeys.all });
        return;
      case "dm.crisis":
        if (m.mentorship === mentorshipId) setCrisis(m.crisis);
        return;
    }
  });

  useEffect(() => {
    void loadLatest();
    return () => {
      if (typingTimer.current) clearTimeout(typingTimer.current);
    };
  }, [loadLatest]);

  // Their read marker only moves for their own reads; ours is ours. A receipt names the reader.
  const lastTheirs = [...messages].reverse().find((m) => !m.mine)?.seq ?? 0;
  useEffect(() => {
    if (lastTheirs <= myRead.current || document.visibilityState === "hidden") return;
    myRead.current = lastTheirs;
    // Over the socket the stored read comes back as dm.read (below); over HTTP, when it answers.
    if (!socket.send({ type: "dm.read", mentorship: mentorshipId, seq: lastTheirs }))
      void postRead(mentorshipId, lastTheirs)
        .then(() => queryClient.invalidateQueries({ queryKey: mentorshipKeys.unread }))
        .catch(() => {});
  }, [lastTheirs, mentorshipId, socket, queryClient]);

  const loadEarlier = useCallback(async () => {
    if (!nextBefore) return;
    const page = await fetchHistory(mentorshipId, nextBefore);
    merge(page.items);
    setNextBefore(page.nextBefore);
  }, [mentorshipId, nextBefore, merge]);

  /** Sends on the socket when it is live, else over HTTP; a refused send stays, with why, to retry. */
  const sendText = useCallback(
    async (text: string, retryId?: string) => {
      const clientId = retryId ?? newId();
      setPending((p) => [...p.filter((x) => x.id !== clientId), { id: clientId, text, error: null }]);
      if (socket.send({ type: "dm.send", mentorship: mentorshipId, id: clientId, text })) return;
      try {
        const { crisis: notice, ...sent } = await postMessage(mentorshipId, clientId, text);
        merge([sent]);
        setPending((p) => p.filter((x) => x.id !== clientId));
        if (notice) setCrisis(notice);
      } catch (error) {
        const why = isApiError(error) ? error.message : "";
        setPending((p) => p.map((x) => (x.id === clientId ? { ...x, error: why || "failed" } : x)));
      }
    },
    [mentorshipId, socket, merge],
  );

  const discard = useCallback((clientId: string) => setPending((p) => p.filter((x) => x.id !== clientId)), []);

  const sayTyping = useCallback(() => {
    const now = Date.now();
    if (now - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = now;
    socket.send({ type: "dm.typing", mentorship: mentorshipId });
  }, [mentorshipId, socket]);

  return {
    messages,
    loaded,
    loadError,
    hasEarlier: nextBefore !== null,
    loadEarlier,
    pending,
    sendText,
    discard,
    typing,
    sayTyping,
    theirRead,
    live,
    /** What the member just sent sounded like a crisis: the lines to show them. */
    crisis,
    dismissCrisis: useCallback(() => setCrisis(null), []),
  };
}
