package main

import (
	"errors"
	"fmt"
	"sort"
)

var ErrCycle = errors.New("dependency cycle")

func topo(deps map[string][]string) ([]string, error) {
	indeg := map[string]int{}
	users := map[string][]string{}
	for n, ds := range deps {
		if _, ok := indeg[n]; !ok {
			indeg[n] = 0
		}
		for _, d := range ds {
			if _, ok := indeg[d]; !ok {
				indeg[d] = 0
			}
			indeg[n]++
			users[d] = append(users[d], n)
		}
	}
	var ready []string
	for n, c := range indeg {
		if c == 0 {
			ready = append(ready, n)
		}
	}
	sort.Strings(ready)
	var order []string
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		order = append(order, n)
		next := users[n]
		sort.Strings(next)
		for _, u := range next {
			indeg[u]--
			if indeg[u] == 0 {
				ready = append(ready, u)
				sort.Strings(ready)
			}
		}
	}
	if len(order) != len(indeg) {
		return order, fmt.Errorf("topo: %d nodes left: %w", len(indeg)-len(order), ErrCycle)
	}
	return order, nil
}

func main() {
	deps := map[string][]string{
		"app":    {"http", "db", "log"},
		"http":   {"net", "log"},
		"db":     {"net", "log"},
		"net":    {},
		"log":    {"fmt"},
		"fmt":    nil,
		"tests":  {"app"},
	}
	order, err := topo(deps)
	fmt.Println(order, err)
	deps["fmt"] = []string{"app"}
	order, err = topo(deps)
	fmt.Println(order, err, errors.Is(err, ErrCycle))
}
