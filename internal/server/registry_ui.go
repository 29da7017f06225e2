package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/errcat/errcat/internal/registry"
)

// historyRow is one version on a domain's history page.
type historyRow struct {
	registry.Version
	When     string
	DiffPrev string // the diff with the version before; "" for the first
	Raw      string
}

func (s *Server) pageHistory(w http.ResponseWriter, r *http.Request) {
	domain := r.PathValue("domain")
	data := map[string]any{"Domain": domain, "Registry": s.reg != nil}
	if c := s.snap().set.Domain(domain); c != nil {
		data["Name"] = c.Domain.Name
	}
	if s.reg == nil {
		if data["Name"] == nil {
			s.pageNotFound(w, r)
			return
		}
		s.render(w, r, http.StatusOK, "history", domain+" — history — errcat", data)
		return
	}
	vs, err := s.reg.store.Versions(r.Context(), domain)
	if errors.Is(err, registry.ErrNotFound) {
		s.pageNotFound(w, r)
		return
	}
	if err != nil {
		s.log.Error("registry history failed", "request_id", requestID(r), "err", err)
		s.pageProblem(w, r, http.StatusInternalServerError, "Internal", nil)
		return
	}
	rows := make([]historyRow, len(vs))
	for i, v := range vs {
		rows[i] = historyRow{Version: v, When: v.Created.UTC().Format("2006-01-02 15:04:05 UTC"),
			Raw: "/v1/domains/" + domain + "/versions/" + strconv.Itoa(v.Number)}
		if i > 0 {
			rows[i].DiffPrev = "/domains/" + domain + "/history/diff?from=" + strconv.Itoa(v.Number-1) + "&to=" + strconv.Itoa(v.Number)
		}
	}
	slices.Reverse(rows)
	data["Rows"] = rows
	data["Latest"] = vs[len(vs)-1].Number
	s.render(w, r, http.StatusOK, "history", domain+" — history — errcat", data)
}

func (s *Server) pageVersionDiff(w http.ResponseWriter, r *http.Request) {
	domain := r.PathValue("domain")
	if s.reg == nil {
		s.pageNotFound(w, r)
		return
	}
	from, to, err := versionPair(r)
	if err != nil {
		var bp *badParam
		params := map[string]string{"name": "from/to", "reason": "want version numbers"}
		if errors.As(err, &bp) {
			params = map[string]string{"name": bp.name, "reason": bp.reason}
		}
		s.pageProblem(w, r, http.StatusBadRequest, "InvalidParameter", params)
		return
	}
	d, err := s.versionDiff(r.Context(), domain, from, to)
	if errors.Is(err, registry.ErrNotFound) {
		s.pageNotFound(w, r)
		return
	}
	if err != nil {
		s.log.Error("registry diff failed", "request_id", requestID(r), "err", err)
		s.pageProblem(w, r, http.StatusInternalServerError, "Internal", nil)
		return
	}
	vs, _ := s.reg.store.Versions(r.Context(), domain)
	var info [2]*registry.Version
	for i := range vs {
		switch vs[i].Number {
		case from:
			info[0] = &vs[i]
		case to:
			info[1] = &vs[i]
		}
	}
	s.render(w, r, http.StatusOK, "versiondiff", domain+" "+strconv.Itoa(from)+" → "+strconv.Itoa(to)+" — errcat", map[string]any{
		"Domain": domain, "Diff": d, "Compatible": len(d.Changes) - d.Breaking, "From": info[0], "To": info[1], "Versions": vs,
	})
}
