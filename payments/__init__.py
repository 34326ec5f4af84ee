"""Mobile-money payment of invoices through aggregators (LigdiCash, CinetPay) and a
local sandbox, behind ENABLE_PAYMENTS; a payment is trusted only after a
server-to-server status check, and recorded once in billing."""
