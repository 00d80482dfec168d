import express, { type Router } from 'express';
import type { SentMailStore } from '../store';

/** Inspection API for tests and local runs: what was "sent". */
export function messageRoutes(store: SentMailStore): Router {
  const router = express.Router();
  router.get('/sink/messages', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    res.json(store.list({ to }));
  });
  router.get('/sink/messages/:id', (req, res) => {
    const mail = store.get(req.params.id);
    if (!mail) {
      res.status(404).json({ errors: [{ message: `no message ${req.params.id}`, field: 'id', help: null }] });
      return;
    }
    res.json(mail);
  });
  router.delete('/sink/messages', (_req, res) => {
    store.clear();
    res.status(204).end();
  });
  return router;
}
