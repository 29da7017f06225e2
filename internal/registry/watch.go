package registry

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Watch calls changed, from one goroutine at a time, whenever another
// process or replica may have published, until ctx ends: on PostgreSQL at
// once through LISTEN/NOTIFY, and on every store each poll by checking
// the number of versions.
func (s *Store) Watch(ctx context.Context, poll time.Duration, changed func()) {
	kick := make(chan struct{}, 1)
	signal := func() {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	if s.dialect == postgresDB {
		go s.listen(ctx, signal)
	}
	if poll > 0 {
		go func() {
			last, _ := s.Count(ctx)
			t := time.NewTicker(poll)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
				if n, err := s.Count(ctx); err == nil && n != last {
					last = n
					signal()
				}
			}
		}()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
			changed()
		}
	}
}

// listen signals every notification of a publish; it reconnects after a
// lost connection, and signals then too, as notices may have been missed.
func (s *Store) listen(ctx context.Context, signal func()) {
	for ctx.Err() == nil {
		conn, err := pgx.Connect(ctx, s.url)
		if err == nil {
			if _, err = conn.Exec(ctx, "LISTEN "+notifyChannel); err == nil {
				signal()
				for {
					if _, err = conn.WaitForNotification(ctx); err != nil {
						break
					}
					signal()
				}
			}
			conn.Close(context.Background())
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}
