UPDATE res_company
   SET sms_kavenegar_api_key = NULL;
