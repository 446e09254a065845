-- wrk script: POST one valid comment (it passes the rules, typed at a human pace) per
-- request, without an idempotency key, so every request stores a new row.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"article_id":"bench","article_url":"http://127.0.0.1/bench","name":"Lan",'
  .. '"email":"lan@example.com","typing_ms":60000,'
  .. '"content":"Chúc sức khỏe, hòa bình và thủy lợi tỉnh ta ngày càng phát triển"}'
