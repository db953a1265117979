// encoding/json into arrays: elements decoded in place, the rest zeroed,
// an UnmarshalJSON error leaves the later ones alone.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
)

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

type A3 [3]int

func main() {
	es := [4]Even{10, 20, 30, 40}
	fmt.Println(json.Unmarshal([]byte(`[2, 3, 4]`), &es), es)
	fmt.Println(json.Unmarshal([]byte(`[2]`), &es), es)
	a := A3{1, 2, 3}
	fmt.Println(json.Unmarshal([]byte(`[7]`), &a), a)
	fmt.Printf("%T\n", a)
	var h struct{ A [2]P }
	h.A[1].Y = 5
	fmt.Println(json.Unmarshal([]byte(`{"A":[{"X":1},{"X":2}]}`), &h), h)
	fmt.Println(json.Unmarshal([]byte(`{"A":[{"X":1},{"X":true}]}`), &h), h)
}

type P struct{ X, Y int }
