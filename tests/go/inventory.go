package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Item struct {
	SKU   string
	Name  string
	Qty   int
	Price float64
}

type Inventory struct {
	items map[string]*Item
}

var ErrUnknownSKU = errors.New("unknown sku")

func NewInventory() *Inventory { return &Inventory{items: map[string]*Item{}} }

func (inv *Inventory) Add(it Item) {
	if cur, ok := inv.items[it.SKU]; ok {
		cur.Qty += it.Qty
		return
	}
	inv.items[it.SKU] = &it
}

func (inv *Inventory) Remove(sku string, n int) error {
	it, ok := inv.items[sku]
	if !ok {
		return fmt.Errorf("remove %s: %w", sku, ErrUnknownSKU)
	}
	if it.Qty < n {
		return fmt.Errorf("remove %s: only %d left", sku, it.Qty)
	}
	it.Qty -= n
	if it.Qty == 0 {
		delete(inv.items, sku)
	}
	return nil
}

func (inv *Inventory) Report() string {
	skus := make([]string, 0, len(inv.items))
	for s := range inv.items {
		skus = append(skus, s)
	}
	sort.Strings(skus)
	var b strings.Builder
	total := 0.0
	for _, s := range skus {
		it := inv.items[s]
		v := float64(it.Qty) * it.Price
		total += v
		fmt.Fprintf(&b, "%-6s %-10s %4d x %7.2f = %9.2f\n", it.SKU, it.Name, it.Qty, it.Price, v)
	}
	fmt.Fprintf(&b, "%-6s %34.2f\n", "TOTAL", total)
	return b.String()
}

func main() {
	inv := NewInventory()
	inv.Add(Item{"A1", "widget", 10, 2.5})
	inv.Add(Item{"B2", "gadget", 3, 19.99})
	inv.Add(Item{"A1", "widget", 5, 2.5})
	inv.Add(Item{"C3", "doohickey", 1, 100})
	fmt.Print(inv.Report())
	for _, op := range []struct {
		sku string
		n   int
	}{{"A1", 4}, {"B2", 5}, {"Z9", 1}, {"C3", 1}} {
		if err := inv.Remove(op.sku, op.n); err != nil {
			fmt.Println("error:", err, errors.Is(err, ErrUnknownSKU))
		}
	}
	fmt.Print(inv.Report())
}
