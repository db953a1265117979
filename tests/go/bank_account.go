package main

import (
	"errors"
	"fmt"
)

var ErrInsufficient = errors.New("insufficient funds")

type Account struct {
	Owner   string
	balance int64
	history []string
}

type TxError struct {
	Op     string
	Amount int64
	Err    error
}

func (e *TxError) Error() string {
	return fmt.Sprintf("%s of %d failed: %v", e.Op, e.Amount, e.Err)
}

func (e *TxError) Unwrap() error { return e.Err }

func (a *Account) Deposit(n int64) error {
	if n <= 0 {
		return &TxError{"deposit", n, errors.New("amount must be positive")}
	}
	a.balance += n
	a.history = append(a.history, fmt.Sprintf("+%d", n))
	return nil
}

func (a *Account) Withdraw(n int64) error {
	if n > a.balance {
		return &TxError{"withdraw", n, ErrInsufficient}
	}
	a.balance -= n
	a.history = append(a.history, fmt.Sprintf("-%d", n))
	return nil
}

func Transfer(from, to *Account, n int64) error {
	if err := from.Withdraw(n); err != nil {
		return fmt.Errorf("transfer %s->%s: %w", from.Owner, to.Owner, err)
	}
	return to.Deposit(n)
}

func (a Account) String() string {
	return fmt.Sprintf("%s: %d %v", a.Owner, a.balance, a.history)
}

func main() {
	alice := &Account{Owner: "alice"}
	bob := &Account{Owner: "bob"}
	fmt.Println(alice.Deposit(100))
	fmt.Println(alice.Deposit(-5))
	fmt.Println(Transfer(alice, bob, 30))
	err := Transfer(bob, alice, 50)
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrInsufficient))
	var tx *TxError
	if errors.As(err, &tx) {
		fmt.Println("op:", tx.Op, "amount:", tx.Amount)
	}
	fmt.Println(*alice)
	fmt.Println(bob)
}
