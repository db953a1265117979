// encoding/json decoding into existing values as Go does: slices reuse their
// elements, map values start from zero, UnmarshalJSON on named slices and
// maps, errors in the middle of slices and maps, Marshaler/Unmarshaler
// interfaces, MarshalJSON output compacted and HTML-escaped.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

type P struct{ X, Y int }

// Set is a named slice decoded from "a,b,c".
type Set []string

func (s *Set) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	*s = strings.Split(str, ",")
	return nil
}

// Bag is a named map decoded from a list of keys.
type Bag map[string]bool

func (g *Bag) UnmarshalJSON(b []byte) error {
	var keys []string
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	*g = Bag{}
	for _, k := range keys {
		(*g)[k] = true
	}
	return nil
}

type Even int

func (e *Even) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	if n%2 != 0 {
		return errors.New("odd")
	}
	*e = Even(n)
	return nil
}

type Loud string

func (l Loud) MarshalJSON() ([]byte, error) {
	return []byte(" { \"say\" : \"" + strings.ToUpper(string(l)) + " <&>\" } "), nil
}

type Broken struct{}

func (Broken) MarshalJSON() ([]byte, error) { return []byte(`{"a":}`), nil }

type Holder struct {
	S  Set
	B  Bag
	Es [3]Even
	N  json.Number `json:",string"`
	L  Loud
}

func main() {
	// Slices: existing elements are decoded into; length follows the JSON.
	ps := []P{{1, 2}, {3, 4}, {5, 6}}
	fmt.Println(json.Unmarshal([]byte(`[{"X":9}]`), &ps), ps, len(ps), cap(ps))
	ps = ps[:3]
	fmt.Println(ps)
	var grown []int
	fmt.Println(json.Unmarshal([]byte(`[1,2,3,4,5]`), &grown), grown, len(grown), cap(grown))
	empty := []int{1}
	fmt.Println(json.Unmarshal([]byte(`[]`), &empty), empty, empty == nil)

	// Map values start from zero.
	m := map[string]P{"a": {1, 2}}
	fmt.Println(json.Unmarshal([]byte(`{"a":{"Y":7},"b":{"X":1}}`), &m), m)

	// UnmarshalJSON on named slices and maps, in a struct.
	var h Holder
	err := json.Unmarshal([]byte(`{"S":"x,y,z","B":["k","j"],"Es":[2,4,6],"N":"12"}`), &h)
	fmt.Println(err, h.S, len(h.S), h.B, h.Es, h.N)
	fmt.Printf("%T %T\n", h.S, h.B)

	// An error in the middle of an array and a map.
	es := []Even{10, 20, 30, 40}
	fmt.Println(json.Unmarshal([]byte(`[2, 3, 4]`), &es), es)
	es = nil
	fmt.Println(json.Unmarshal([]byte(`[2, 4, 5, 6, 8]`), &es), es, len(es))
	em := map[string]Even{}
	fmt.Println(json.Unmarshal([]byte(`{"a": 2, "b": 1, "c": 4}`), &em), len(em), em["a"])
	fmt.Println(json.Unmarshal([]byte(`{"Es": [2, "x"]}`), &h))

	// Interfaces.
	var mr json.Marshaler = Loud("hi")
	var ur json.Unmarshaler = new(Set)
	b, _ := mr.MarshalJSON()
	fmt.Println(string(b), ur.UnmarshalJSON([]byte(`"p,q"`)), *ur.(*Set))
	var raw json.RawMessage
	ur = &raw
	fmt.Println(ur.UnmarshalJSON([]byte(`[1, 2]`)), string(raw))
	b, err = raw.MarshalJSON()
	fmt.Println(string(b), err)

	// MarshalJSON output is compacted and HTML-escaped; bad output fails.
	out, err := json.Marshal(map[string]interface{}{"l": Loud("a"), "n": json.Number("3")})
	fmt.Println(string(out), err)
	_, err = json.Marshal([]interface{}{1, Broken{}})
	fmt.Println(err)
	h = Holder{N: "77", L: "q"}
	out, err = json.Marshal(h)
	fmt.Println(string(out), err)
}
