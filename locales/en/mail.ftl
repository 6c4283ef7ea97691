## The mails Keydesk sends: to customers, and the test mail to staff. Every language
## has exactly these messages with the same variables, or Keydesk does not build.
## Values (names, addresses, links) are isolated from the text around them, so a Latin
## name inside right-to-left text keeps its place.

mail-hello = Hello { $name },
mail-questions = Questions? Write to us:
mail-portal-button = Open the customer portal
mail-sign-in = Sign in to the customer portal:
mail-username = Username
mail-password = Password

welcome-subject = Welcome to { $agency }
welcome-default-message = Welcome to { $agency }! We are glad to have you with us.
welcome-login-intro = Your login to the customer portal:
welcome-login-advice = Please choose a password of your own when you first sign in, and delete this mail afterwards.
welcome-verify-text = Please confirm your email address by opening this link (it works once, within 24 hours):
welcome-verify-html = Please confirm your email address (the link works once, within 24 hours):
welcome-verify-button = Confirm my email address

reset-subject = Your new { $agency } password
reset-intro = your password for the { $agency } customer portal was reset. Your login is now:
reset-advice = Please choose a password of your own when you next sign in, and delete this mail afterwards. If you did not ask for a new password, tell us at once.

code-subject = Your { $agency } verification code
code-intro = your verification code is:
code-advice = Please read it to the person at { $agency } who asked for it. The code is valid for { $minutes } minutes. If nobody asked you for a code, you can ignore this mail.

test-subject = Test mail from { $agency }
test-body = this is a test mail from Keydesk, sent through { $server } { $security ->
        [start_tls] with STARTTLS
        [implicit_tls] with TLS
       *[none] without encryption
    }. If you can read it, mail to customers will arrive the same way, with the branding you see here.
