"""Bank statements (camt.053/052/054) booked against invoices, and the accountant's export."""
